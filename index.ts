export { BizKitHubApi } from './credentials/BizKitHubApi.credentials';
export { BizKitHub } from './nodes/BizKitHub/BizKitHub.node';
