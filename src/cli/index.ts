export { runProgram, type ProgramOptions } from './program.js';
export { processIo, type CliIo } from './io.js';
export type { App, AppOverrides, GlobalFlags, OpenApp } from './app.js';
