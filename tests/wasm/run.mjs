// tests/wasm/run.mjs FILE.wasm: runs a WebAssembly program built for
// wasm32-wasi under node's WASI, with no file system and no environment,
// and exits with its status.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const wasi = new WASI({ version: 'preview1', args: [process.argv[2]],
                        env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(process.argv[2]));
const instance = await WebAssembly.instantiate(module,
                                               wasi.getImportObject());
process.exitCode = wasi.start(instance);
