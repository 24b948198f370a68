// Preloaded (`node --import`) into the processes the cold-start benchmark times: reports the process's peak
// RSS on exit to the file descriptor named by CALSYNC_BENCH_RSS_FD, so the benchmark can read it.
import { writeSync } from 'node:fs';
import { peakRss } from './peak-rss.js';

const fd = Number(process.env.CALSYNC_BENCH_RSS_FD);
if (fd) process.on('exit', () => writeSync(fd, `${peakRss()}\n`));
