// DuckDB on the benchmark's rule subset: loads the credit files into tables
// (load.sql), runs one query form (plain.sql or best.sql) `--evals` times on
// the loaded tables, writes the first evaluation's findings as CSV and prints
// the times as one line of JSON.
//
//   node run.cjs --modules DIR --data DIR --tables DIR --form plain|best
//                --threads N --out FILE [--evals N]
//
// --modules is the node_modules folder holding @duckdb/node-api (bench/run.sh
// installs it under bench/.work; the product never needs it).
'use strict';
const fs = require('fs');
const path = require('path');

function parseArgs(argv) {
  const args = { evals: '1' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['modules', 'data', 'tables', 'form', 'threads', 'out'])
    if (!args[k]) throw new Error(`--${k} is required`);
  if (!['plain', 'best'].includes(args.form)) throw new Error('--form is plain or best');
  return args;
}

// The statements of a file, each with the rule id of its `-- rule ID` header.
function ruleSections(text) {
  const out = [];
  for (const part of text.split(/^-- rule /m).slice(1)) {
    const id = part.slice(0, part.indexOf(' ')).trim();
    out.push({ id, sql: part.slice(part.indexOf('\n') + 1) });
  }
  return out;
}

function statements(text) {
  return text.split(/;\s*$/m).map((s) => s.trim()).filter((s) => s.replace(/--.*$/gm, '').trim() !== '');
}

const sqlString = (s) => s.replace(/'/g, "''");

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { DuckDBInstance } = require(path.join(path.resolve(args.modules), '@duckdb/node-api'));
  const here = __dirname;
  const read = (f) => fs.readFileSync(path.join(here, f), 'utf8');
  const load = read('load.sql').replaceAll('{data}', sqlString(path.resolve(args.data)))
    .replaceAll('{tables}', sqlString(path.resolve(args.tables)));
  const rules = ruleSections(read(`${args.form}.sql`));
  const now = () => Number(process.hrtime.bigint()) / 1e6;

  const t0 = now();
  const instance = await DuckDBInstance.create(':memory:', { threads: String(args.threads) });
  const db = await instance.connect();
  const version = (await db.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;
  for (const s of [...statements(load), ...statements(read('macros.sql'))]) await db.run(s);
  const loadMs = now() - t0;

  const evals = [];
  const ruleMs = {};
  let writeMs = 0;
  for (let e = 0; e < Number(args.evals); ++e) {
    await db.run('DELETE FROM findings');
    const t1 = now();
    for (const r of rules) {
      const t = now();
      await db.run(r.sql);
      (ruleMs[r.id] ||= []).push(now() - t);
    }
    evals.push(now() - t1);
    if (e === 0) {
      const t2 = now();
      await db.run(`COPY findings TO '${sqlString(path.resolve(args.out))}' (HEADER, DELIMITER ',')`);
      writeMs = now() - t2;
    }
  }
  const count = (await db.runAndReadAll('SELECT count(*) AS n FROM findings')).getRowObjects()[0].n;
  const rows = (await db.runAndReadAll('SELECT count(*) AS n FROM fee')).getRowObjects()[0].n;
  console.log(JSON.stringify({
    version, form: args.form, threads: Number(args.threads), load_ms: loadMs, eval_ms: evals, write_ms: writeMs,
    total_ms: loadMs + evals[0] + writeMs, rule_ms: ruleMs, lines: Number(rows), findings: Number(count),
  }));
}

main().catch((e) => {
  console.error(`duckdb/run.cjs: ${e.message}`);
  process.exit(1);
});
