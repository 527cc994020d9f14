/** Where BizKitHub's API is served, when the credential's Base URL is left empty. */
export const DEFAULT_BASE_URL = 'https://api.bizkithub.com';
