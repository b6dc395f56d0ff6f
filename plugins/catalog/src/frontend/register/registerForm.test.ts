import { describe, expect, it } from 'vitest';
import { checkTarget, formatAge, guessType } from './registerForm.ts';

describe('the register form', () => {
  it('accepts a web URL and explains what is wrong with anything else', () => {
    expect(checkTarget('url', ' https://github.com/o/r/blob/main/catalog-info.yaml ')).toEqual({
      target: 'https://github.com/o/r/blob/main/catalog-info.yaml',
    });
    expect(checkTarget('url', 'github.com/o/r').problem).toMatch(/not a full URL/);
    expect(checkTarget('git', 'https://git.example.com/team/repo.git')).toEqual({ target: 'https://git.example.com/team/repo.git' });
    expect(checkTarget('git', '').problem).toMatch(/Git repository/);
    expect(checkTarget('url', 'ftp://host/x.yaml').problem).toMatch(/ftp address cannot be read/);
    expect(checkTarget('url', '').problem).toMatch(/Enter the URL/);
    expect(checkTarget('file', '/srv/catalog-info.yaml')).toEqual({ target: '/srv/catalog-info.yaml' });
    expect(checkTarget('file', 'https://x/y.yaml').problem).toMatch(/choose “URL”/);
  });

  it('guesses the type from what was pasted', () => {
    expect(guessType('https://x')).toBe('url');
    expect(guessType('https://git.example.com/team/repo.git')).toBe('git');
    expect(guessType('./examples/org/components.yaml')).toBe('file');
    expect(guessType('catalog')).toBeUndefined();
  });

  it('tells how long ago a location was read', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatAge('2026-01-01T11:57:00Z', now)).toBe('3 minutes ago');
    expect(formatAge(String(now - 2 * 3600_000), now)).toBe('2 hours ago');
    expect(formatAge('2026-01-01T11:59:50Z', now)).toBe('just now');
    expect(formatAge(undefined, now)).toBeUndefined();
    expect(formatAge('yesterday-ish', now)).toBeUndefined();
  });
});
