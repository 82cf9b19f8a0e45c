// The workbench's https certificate. office.js refuses to talk to a host page served over plain http (it
// shows "NotTrustedWAC" and sends nothing), so the workbench speaks https on localhost with a self-signed
// certificate for localhost/127.0.0.1, made with the `openssl` command line on first start and cached in
// .workbench-tls/ (gitignored). Nothing is installed into the system's trust store: browsers show a
// warning once (tests pass ignoreHTTPSErrors).

import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";

export interface TlsFiles {
  key: Buffer;
  cert: Buffer;
}

/** Certificates live 30 days; a cached one younger than this is reused. */
const REUSE_MS = 20 * 24 * 3600 * 1000;

async function fresh(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    return Date.now() - stat.mtimeMs < REUSE_MS;
  } catch {
    return false;
  }
}

/** The cached certificate in `dir`, or a new one generated there. */
export async function ensureCertificate(dir: string): Promise<TlsFiles> {
  const keyFile = path.join(dir, "localhost.key");
  const certFile = path.join(dir, "localhost.crt");
  if (!((await fresh(keyFile)) && (await fresh(certFile)))) {
    await fs.mkdir(dir, { recursive: true });
    try {
      // prettier-ignore
      execFileSync("openssl", [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-days", "30", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", keyFile, "-out", certFile,
      ], { stdio: "pipe" });
    } catch (e) {
      throw new Error(
        `could not create the workbench's https certificate with openssl (${e instanceof Error ? e.message : String(e)}). ` +
          "Install openssl, or put localhost.key and localhost.crt into " +
          dir,
      );
    }
  }
  return { key: await fs.readFile(keyFile), cert: await fs.readFile(certFile) };
}
