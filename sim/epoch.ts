/** When every simulation starts: a Monday morning, at a moment that is no whole second. */
export const EPOCH = Date.UTC(2027, 0, 4, 9, 0, 0, 137);
