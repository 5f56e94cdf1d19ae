// `npx tsx bench/summarize-profile.ts <file.cpuprofile> [top]`: the hot spots of a V8 CPU
// profile (e.g. from `npm run bench -- --cpu-prof=DIR`), by self time, inclusive time and module.
import { readFile } from 'node:fs/promises';
import { summarizeCpuProfile, type CpuProfile } from './profile-summary.js';

const [file, topText = '30'] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: npx tsx bench/summarize-profile.ts <file.cpuprofile> [top]');
  process.exitCode = 2;
} else {
  const s = summarizeCpuProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile, Number(topText));
  console.log(`${(s.sampledMs / 1000).toFixed(1)} s sampled, ${s.idlePercent.toFixed(1)}% idle`);
  console.log('\n self%  total%  function (module)');
  for (const h of s.bySelf)
    console.log(`${h.selfPercent.toFixed(1).padStart(6)}  ${h.totalPercent.toFixed(1).padStart(6)}  ${h.name}`);
  console.log('\n self%  module');
  for (const h of s.byModule) console.log(`${h.selfPercent.toFixed(1).padStart(6)}  ${h.name}`);
}
