// Runs `npm ci` for a module's browser libraries, unless node_modules was already installed from
// this very package-lock.json: repeated (and offline) builds then do not reinstall. Run by Maven
// (exec-maven-plugin, generate-resources) with the web folder as the working directory; the report
// and the server's dashboard share it. The optional argument is a file that must exist after the
// install (default: the report's Chart.js).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const lock = readFileSync('package-lock.json', 'utf8');
// Inside node_modules, so that `npm ci` (which deletes node_modules) also deletes the stamp.
const stamp = 'node_modules/.installed-from-package-lock.json';
const library = process.argv[2] ?? 'node_modules/chart.js/dist/chart.umd.min.js';
const name = JSON.parse(readFileSync('package.json', 'utf8')).name;

if (existsSync(stamp) && existsSync(library) && readFileSync(stamp, 'utf8') === lock) {
  console.log(`${name}: node_modules is current with package-lock.json`);
} else {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    shell: process.platform === 'win32', // npm is npm.cmd there
  });
  writeFileSync(stamp, lock);
}
