// @ts-check
'use strict';

// Before each test file: n8n-core's logger (which the engine harness loads) prints nothing, so
// jest's output holds only what the tests say. Errors the node raises are asserted on, not read.
process.env.N8N_LOG_LEVEL = 'silent';
