import { access } from 'node:fs/promises';
import { runningPid } from '../webroots/process.js';
import type { NginxManager } from './apply.js';

/** What is live on this node's nginx: the observed half of the reconcile loop. */
export interface NginxProbe {
  /** The master's pid, or null when nginx is not running. */
  pid: number | null;
  /** Whether the agent's main nginx.conf exists. */
  mainConf: boolean;
  /** Webroot names with a server block in the live generation, sorted. */
  sites: string[];
  /** Live server blocks by webroot name. */
  blocks: Map<string, string>;
}

/** Reads the live state: the pid file, the main config and the live sites folder. */
export async function probeNginx(nginx: NginxManager): Promise<NginxProbe> {
  const live = await nginx.sites.readLive(/^web_[a-z0-9]{10}\.conf$/);
  const blocks = new Map([...live].map(([file, text]) => [file.replace(/\.conf$/, ''), text]));
  return {
    pid: await runningPid(nginx.pidFile, nginx.mainConf),
    mainConf: await access(nginx.mainConf).then(
      () => true,
      () => false,
    ),
    sites: [...blocks.keys()].sort(),
    blocks,
  };
}
