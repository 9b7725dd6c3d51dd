// Lints every Dockerfile under the given directories with dockerfilelint in ONE node process (its
// CLI takes one file at a time through yargs; this is the fair in-process comparison). The files are
// the ones `bulwark scan DIR` finds: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
// Containerfile, Containerfile.* (any case). A file dockerfilelint throws on is counted, not fatal.
// Usage: node bench/dockerfilelint-all.js DFL_MODULE_DIR DIR...
'use strict';
const fs = require('fs');
const path = require('path');
const dfl = require(path.resolve(process.argv[2], 'lib', 'index'));

function isDockerfile(name) {
  const n = name.toLowerCase();
  return n === 'dockerfile' || n.startsWith('dockerfile.') || n.endsWith('.dockerfile') || n === 'containerfile'
    || n.startsWith('containerfile.');
}

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== '.git' && e.name !== 'node_modules') walk(p, out);
    else if (e.isFile() && isDockerfile(e.name)) out.push(p);
  }
  return out;
}

let files = 0, findings = 0, crashed = 0;
for (const root of process.argv.slice(3)) {
  for (const f of walk(root, [])) {
    files++;
    try {
      findings += dfl.run(path.dirname(f), fs.readFileSync(f, 'utf8')).length;
    } catch (e) {
      crashed++;
    }
  }
}
process.stderr.write(`dockerfilelint: ${files} files, ${findings} findings, ${crashed} files it threw on\n`);
