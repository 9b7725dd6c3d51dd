// Writes an OSV all.zip shaped like npm's (the largest feed): N records (default 250,000), 70% malicious-package
// records (MAL-, a range from 0, origins with versions) and 30% GHSA-style ones (aliases, CVSS vector, 1-4 ranges,
// references, long details), one JSON file per record as osv.dev publishes them. Stored entries (no deflate): the
// zip's size then stands for the inflated bytes the importer reads. Own generator, no real data.
// Usage: node bench/osv-zip-scale.js OUT.zip [N]
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const [out, n = '250000'] = process.argv.slice(2);
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const word = (len) => Array.from({ length: len }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join('');
const text = (words) => Array.from({ length: words }, () => word(3 + Math.floor(rnd() * 7))).join(' ');
const fd = fs.openSync(out, 'w');
const central = [];
let offset = 0;
const write = (buf) => { fs.writeSync(fd, buf); offset += buf.length; };
for (let i = 0; i < Number(n); i++) {
  let rec;
  if (i % 10 < 7) {
    rec = { schema_version: '1.5.0', id: `MAL-2025-${i}`, modified: '2025-06-01T00:00:00Z', summary: `Malicious code in ${word(6)}-${word(5)} (npm)`,
      details: text(120), affected: [{ package: { ecosystem: 'npm', name: `${word(7)}-${word(4)}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
        database_specific: { 'malicious-packages-origins': [{ source: 'ossf-package-analysis', sha256: word(64), versions: ['1.0.0', '1.0.1', '1.0.2'] }] } }] };
  } else {
    rec = { schema_version: '1.5.0', id: `GHSA-${i.toString(36).padStart(4, "0")}-${word(4)}-${word(4)}`, modified: '2025-06-01T00:00:00Z', aliases: [`CVE-2021-${i}`], summary: text(10),
      details: text(400), severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [{ package: { ecosystem: 'npm', name: `@${word(5)}/${word(8)}` },
        ranges: Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, k) => ({ type: 'SEMVER', events: [{ introduced: `${k}.0.0` }, { fixed: `${k}.4.${k}` }] })) }],
      references: Array.from({ length: 15 }, () => ({ type: 'WEB', url: `https://example.com/${word(30)}` })), database_specific: { severity: 'HIGH' } };
  }
  const name = Buffer.from(`${rec.id}.json`);
  const data = Buffer.from(JSON.stringify(rec));
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(name.length, 26);
  central.push({ name, crc, size: data.length, at: offset });
  write(local); write(name); write(data);
}
const start = offset;
for (const c of central) {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(20, 6); h.writeUInt32LE(c.crc, 16);
  h.writeUInt32LE(c.size, 20); h.writeUInt32LE(c.size, 24); h.writeUInt16LE(c.name.length, 28); h.writeUInt32LE(c.at, 42);
  write(h); write(c.name);
}
// more than 65,535 entries: the zip64 end record and its locator carry the count (the plain one says 0xffff)
const zip64At = offset;
const z = Buffer.alloc(56);
z.writeUInt32LE(0x06064b50, 0); z.writeBigUInt64LE(44n, 4); z.writeUInt16LE(45, 12); z.writeUInt16LE(45, 14);
z.writeBigUInt64LE(BigInt(central.length), 24); z.writeBigUInt64LE(BigInt(central.length), 32);
z.writeBigUInt64LE(BigInt(offset - start), 40); z.writeBigUInt64LE(BigInt(start), 48);
write(z);
const loc = Buffer.alloc(20);
loc.writeUInt32LE(0x07064b50, 0); loc.writeBigUInt64LE(BigInt(zip64At), 8); loc.writeUInt32LE(1, 16);
write(loc);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Math.min(central.length, 0xffff), 8); end.writeUInt16LE(Math.min(central.length, 0xffff), 10);
end.writeUInt32LE(zip64At - start, 12); end.writeUInt32LE(start, 16);
write(end);
fs.closeSync(fd);
