import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installNavigationGuards, isExternalWebLink } from './navigation';
import { createAppUrlPolicy } from './origin';

describe('isExternalWebLink', () => {
  it('accepts http(s) only', () => {
    expect(isExternalWebLink('https://www.gsxt.gov.cn/')).toBe(true);
    expect(isExternalWebLink('http://example.com/a?b')).toBe(true);
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'ms-settings:', 'app://onevisit/', 'nonsense']) {
      expect(isExternalWebLink(url)).toBe(false);
    }
  });
});

/** A stand-in for a WebContents: an emitter plus the window-open hook. */
class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function navigationEvent(url: string) {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

function setUp() {
  const app = new EventEmitter();
  const opened: string[] = [];
  const warnings: string[] = [];
  installNavigationGuards(app as never, { openExternal: async (url: string) => void opened.push(url) }, createAppUrlPolicy(), {
    warn: (m: string) => warnings.push(m),
  });
  const contents = new FakeContents();
  app.emit('web-contents-created', {}, contents);
  return { contents, opened, warnings };
}

describe('installNavigationGuards', () => {
  it('lets the app navigate within itself', () => {
    const { contents, opened } = setUp();
    const event = navigationEvent('app://onevisit/index.html#/tasks');
    contents.emit('will-frame-navigate', event);
    expect(event.prevented).toBe(false);
    expect(opened).toEqual([]);
  });

  it('blocks navigation and redirects away from the app, sending web links to the browser', () => {
    const { contents, opened, warnings } = setUp();
    const away = navigationEvent('https://example.com/');
    contents.emit('will-frame-navigate', away);
    const redirect = navigationEvent('file:///etc/passwd');
    contents.emit('will-redirect', redirect);
    expect(away.prevented).toBe(true);
    expect(redirect.prevented).toBe(true);
    expect(opened).toEqual(['https://example.com/']);
    expect(warnings.join('\n')).toContain('file:///etc/passwd');
  });

  it('denies every window.open and opens only web links outside', () => {
    const { contents, opened } = setUp();
    expect(contents.openHandler?.({ url: 'https://example.com/x' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://onevisit/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'smb://host/share' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/x']);
  });

  it('refuses <webview>', () => {
    const { contents } = setUp();
    const event = navigationEvent('');
    contents.emit('will-attach-webview', event);
    expect(event.prevented).toBe(true);
  });
});
