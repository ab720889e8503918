#!/usr/bin/env node
// `npm run generate`: the contract pipeline in one command (DESIGN.md §3). Builds the schema
// package, emits schema/schema.graphql from the type-graphql classes, then runs graphql-codegen
// (codegen.yml) over the SDL and the operation documents.
//
//   --schema-only  only the SDL (`npm run schema:emit`)
//   --check        write nothing: generate into memory and a temp SDL, compare with the files in
//                  the working tree, and exit 1 naming every stale, missing or orphaned file.
//
// Codegen runs through its API with saveToFile=false, so both modes share one path: the outputs
// are computed the same way and only then either written or compared.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { run } from './lib/exec.mjs';
import { info, red, step, warn } from './lib/log.mjs';
import { repoRoot } from './lib/paths.mjs';

const SDL = path.join(repoRoot, 'schema', 'schema.graphql');
const EMIT_SDL = path.join(repoRoot, 'schema', 'dist', 'emit-sdl.js');
const CODEGEN_CONFIG = path.join(repoRoot, 'codegen.yml');
const rel = (file) => path.relative(repoRoot, file);

const flags = new Set(process.argv.slice(2));
const unknown = [...flags].filter((flag) => !['--check', '--schema-only'].includes(flag));
if (unknown.length) {
  process.stderr.write(`usage: node scripts/generate.mjs [--check] [--schema-only] (unknown: ${unknown.join(' ')})\n`);
  process.exit(2);
}
const check = flags.has('--check');
const schemaOnly = flags.has('--schema-only');

// Plugin paths in codegen.yml (./schema/codegen/…) are relative to the repository root.
process.chdir(repoRoot);

/** Runs codegen against `schemaFile`; resolves with absolute paths and contents, written nowhere. */
async function codegenOutputs(schemaFile) {
  const { config } = await loadCodegenConfig({ configFilePath: CODEGEN_CONFIG });
  const outputs = await generate({ ...config, schema: schemaFile, cwd: repoRoot, silent: true }, false);
  return outputs.map(({ filename, content }) => ({ file: path.resolve(repoRoot, filename), content }));
}

/** Files in the output folders that codegen no longer produces (a renamed output leaves one). */
async function orphansOf(outputs) {
  const expected = new Set(outputs.map((output) => output.file));
  const dirs = [...new Set(outputs.map((output) => path.dirname(output.file)))];
  const listed = await Promise.all(
    dirs.map(async (dir) => (existsSync(dir) ? (await readdir(dir)).map((name) => path.join(dir, name)) : [])),
  );
  return listed.flat().filter((file) => !expected.has(file));
}

async function readOrNull(file) {
  return existsSync(file) ? readFile(file, 'utf8') : null;
}

/** Writes only what changed, so unchanged files keep their mtime (tsc -b stays incremental). */
async function writeIfChanged(file, content) {
  if ((await readOrNull(file)) === content) return false;
  await writeFile(file, content);
  return true;
}

async function generateInPlace() {
  await step('emit schema/schema.graphql', () => run(process.execPath, [EMIT_SDL, SDL], { quiet: true }));
  if (schemaOnly) return;
  const outputs = await step('graphql-codegen', () => codegenOutputs(SDL));
  for (const { file, content } of outputs) {
    if (await writeIfChanged(file, content)) info(`wrote ${rel(file)}`);
  }
  for (const orphan of await orphansOf(outputs)) {
    await unlink(orphan);
    info(`removed ${rel(orphan)} (no codegen output any more)`);
  }
}

/** Resolves with a description of every stale file; empty when everything is current. */
async function staleFiles() {
  const tmp = await mkdtemp(path.join(tmpdir(), 'hostplane-generate-'));
  try {
    const freshSdl = path.join(tmp, 'schema.graphql');
    await step('emit SDL (check)', () => run(process.execPath, [EMIT_SDL, freshSdl], { quiet: true }));
    const expected = [{ file: SDL, content: await readFile(freshSdl, 'utf8') }];
    let orphans = [];
    if (!schemaOnly) {
      const outputs = await step('graphql-codegen (check)', () => codegenOutputs(freshSdl));
      expected.push(...outputs);
      orphans = await orphansOf(outputs);
    }
    const stale = [];
    for (const { file, content } of expected) {
      const current = await readOrNull(file);
      if (current === null) stale.push(`${rel(file)} is missing`);
      else if (current !== content) stale.push(`${rel(file)} is out of date`);
    }
    return [...stale, ...orphans.map((file) => `${rel(file)} is not produced by codegen any more`)];
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * `tsc -b schema`. Type errors do not stop generation: tsc still emits the JS, and the errors
 * are often in SDK code that uses operations this very run is about to generate. They stay
 * visible, and a normal run rebuilds afterwards so they are reported against fresh code.
 */
async function buildSchemaPackage(label) {
  try {
    await step(label, () => run(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-b', 'schema'], { quiet: true }));
    return true;
  } catch (error) {
    if (!existsSync(EMIT_SDL)) throw error;
    warn(`schema package has type errors; generating from the emitted JS anyway:\n${error.message}`);
    return false;
  }
}

try {
  const built = await buildSchemaPackage('build schema package');
  if (!check) {
    await generateInPlace();
    if (!built && !(await buildSchemaPackage('rebuild schema package'))) process.exitCode = 1;
  } else {
    const stale = await staleFiles();
    if (stale.length) {
      process.stderr.write(`${red('✗')} generated files are stale:\n`);
      for (const line of stale) process.stderr.write(`  - ${line}\n`);
      process.stderr.write('Run `npm run generate` and commit the result.\n');
      process.exit(1);
    }
    info('generated files are up to date');
  }
} catch (error) {
  process.stderr.write(`${red('✗')} ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
