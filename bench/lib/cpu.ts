import fs from 'node:fs';
import os from 'node:os';

/** What the benches read of the machine's CPU: a page's cost by process, and whether the machine is quiet enough to measure. */

/** CPU time (ms) of this process and of the database server's processes, to charge each page its cost. */
export interface CpuMeter {
  start(): void;
  stop(): { serverCpuMs: number; databaseCpuMs: number | null; machineBusyMs: number; wallMs: number };
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime+stime (ms) of every process whose command is one of `names` (postgres backends, mariadbd). */
const processCpuMs = (names: string[]): number => {
  let total = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!names.includes(comm)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
    } catch {
      // the process ended while we read
    }
  }
  return total;
};

/** Busy CPU time (ms) of the whole machine, from /proc/stat. */
const machineBusyMs = (): number => {
  const [cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const [user, nice, system, , , irq, softirq, steal] = cpu.split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) * CLOCK_TICK_MS;
};

export const cpuMeter = (database: string): CpuMeter => {
  const names = database === 'postgres' ? ['postgres'] : database === 'mysql' ? ['mariadbd', 'mysqld'] : [];
  let server = process.cpuUsage();
  let db = 0;
  let busy = 0;
  let wall = 0;
  return {
    start() {
      server = process.cpuUsage();
      db = names.length ? processCpuMs(names) : 0;
      busy = machineBusyMs();
      wall = Date.now();
    },
    stop() {
      const used = process.cpuUsage(server);
      return {
        serverCpuMs: Math.round((used.user + used.system) / 1000),
        databaseCpuMs: names.length ? processCpuMs(names) - db : null,
        machineBusyMs: machineBusyMs() - busy,
        wallMs: Date.now() - wall,
      };
    },
  };
};

/** Waits (at most `maxSeconds`) until the machine is mostly idle: other jobs on two cores skew every number. */
export const waitForQuiet = async (maxSeconds: number, threshold = 0.25): Promise<number> => {
  const cores = os.cpus().length;
  const deadline = Date.now() + maxSeconds * 1000;
  let quietSamples = 0;
  let share = 1;
  while (Date.now() < deadline && quietSamples < 2) {
    const before = machineBusyMs();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    share = (machineBusyMs() - before) / (1000 * cores);
    quietSamples = share <= threshold ? quietSamples + 1 : 0;
  }
  return share;
};
