// Runs resources/verify/verify.js against tests/verify/vectors.json; exits 1 on any case it gets wrong.
// Usage: node check-verify.js VERIFY_JS VECTORS_JSON [--plant-wrong-vector]
// With --plant-wrong-vector the first case's expected answer is flipped, so the run must fail.
const fs = require('fs');
const path = require('path');

const { verifyDailyWebhook } = require(path.resolve(process.argv[2]));
const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8')).cases;
if (process.argv.slice(4).includes('--plant-wrong-vector')) {
  cases[0].valid = !cases[0].valid;
}
let wrong = 0;
for (const c of cases) {
  const got = verifyDailyWebhook(Buffer.from(c.body, 'utf8'), c.timestamp, c.signature, c.secret,
                                 c.toleranceSeconds, c.nowMs);
  const ok = got === c.valid;
  if (!ok) {
    wrong += 1;
  }
  console.log((ok ? 'ok   ' : 'FAIL ') + c.name + (ok ? '' : ': got ' + got));
}
console.log(`node verify.js: ${cases.length - wrong} of ${cases.length} cases right`);
process.exit(wrong || cases.length === 0 ? 1 : 0);
