// Kept equal to package.json's version by src/version.test.ts.
export const TOOL_VERSION = '0.3.1';
