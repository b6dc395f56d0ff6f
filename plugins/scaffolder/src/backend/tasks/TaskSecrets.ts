import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals a task's secrets for the database (AES-256-GCM). The key comes from
 * `scaffolder.taskSecretsKey`; without one, each process makes its own, so
 * secrets of a task can only be opened by the process that accepted it —
 * which is also the only one that runs it unless several replicas share a key.
 */
export class TaskSecrets {
  private constructor(private readonly key: Buffer) {}

  static create(base64Key?: string): TaskSecrets {
    if (base64Key === undefined) return new TaskSecrets(randomBytes(32));
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32) throw new TypeError('scaffolder.taskSecretsKey must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    return new TaskSecrets(key);
  }

  seal(secrets: Record<string, string>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  open(sealed: string): Record<string, string> {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !body) throw new Error('The task secrets are in an unknown format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as Record<string, string>;
    } catch {
      throw new Error(
        'The task secrets cannot be opened by this process: set the same scaffolder.taskSecretsKey on every replica, or run the template again',
      );
    }
  }
}
