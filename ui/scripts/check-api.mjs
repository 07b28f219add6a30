#!/usr/bin/env node
// Fails when src/api/schema.d.ts is not what `npm run gen:api` would generate from ../openapi.json.
// Usage: node scripts/check-api.mjs [openapi.json] [schema.d.ts]   (defaults: ../openapi.json, src/api/schema.d.ts)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(ui, process.argv[2] ?? '../openapi.json');
const schema = resolve(ui, process.argv[3] ?? 'src/api/schema.d.ts');
const STALE = 'src/api/schema.d.ts is stale: run npm run gen:api';

if (!existsSync(spec)) {
  console.error(`${spec} is missing: cannot check src/api/schema.d.ts against it`);
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'onetrip-api-'));
try {
  const out = join(tmp, 'schema.d.ts');
  const bin = join(ui, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  execFileSync(process.execPath, [bin, spec, '-o', out], { cwd: ui, stdio: ['ignore', 'ignore', 'inherit'] });
  const fresh = readFileSync(out, 'utf8');
  const current = existsSync(schema) ? readFileSync(schema, 'utf8') : null;
  if (current !== fresh) {
    console.error(current === null ? `${STALE} (it does not exist)` : STALE);
    process.exit(1);
  }
  console.log('check:api: src/api/schema.d.ts is up to date');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
