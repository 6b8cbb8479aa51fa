// tests/wasm/run.mjs FILE.wasm: runs a WebAssembly program built for
// wasm32-wasi under node's WASI, with no file system and no environment,
// and exits with its status. Node 18 (Debian 12's) wants the option
// --experimental-wasi-unstable-preview1; node 20 and later take it and
// want `version`. The imports are named as both name them.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const wasi = new WASI({ version: 'preview1', args: [process.argv[2]],
                        env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(process.argv[2]));
const instance = await WebAssembly.instantiate(
    module, { wasi_snapshot_preview1: wasi.wasiImport });
process.exitCode = wasi.start(instance);
