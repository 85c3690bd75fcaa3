// Storage does not grow without end: a verified photo original leaves the laptop after the retention period (a setting
// of the gear menu), its thumbnail stays, and the record fetches the original again, saying so while offline.
import type { Page } from '@playwright/test';
import { test, expect, firstSyncDone, openApp, signIn, syncNow } from './support/fixtures';
import { myPartOfSharedTask } from './support/api';
import { openTask, photos, sectionCard } from './support/inspection';

interface PhotoRow {
  sha256: string;
  size: number;
  uploadedAt: string | null;
  originalDroppedAt: string | null;
  state: string;
}

/** The photo rows of the officer's local database, read the way the app stores them. */
function photoRows(page: Page, officerId: string): Promise<PhotoRow[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<
      { meta: { kind: string; sha256: string }; bytes: Uint8Array; uploadedAt: string | null; originalDroppedAt?: string; state: string }[]
    >((resolve, reject) => {
      const request = db.transaction('attachments').objectStore('attachments').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows
      .filter((r) => r.meta.kind === 'photo')
      .map((r) => ({
        sha256: r.meta.sha256,
        size: r.bytes.byteLength,
        uploadedAt: r.uploadedAt,
        originalDroppedAt: r.originalDroppedAt ?? null,
        state: r.state,
      }));
  }, `onevisit-${officerId}`);
}

/** Moves the endpoint's confirmation of every photo `days` into the past: the photos were verified that long ago. */
function verifiedDaysAgo(page: Page, officerId: string, days: number): Promise<void> {
  return page.evaluate(
    async ({ name, days }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('attachments', 'readwrite');
        const store = tx.objectStore('attachments');
        const cursor = store.openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          // Raw IndexedDB runs no Dexie hook: the retention sweep's index key is aged with the verification it copies.
          const at = new Date(Date.now() - days * 86_400_000).toISOString();
          if (c.value.meta.kind === 'photo')
            c.update({ ...c.value, uploadedAt: at, ...(c.value.originalHeldSince ? { originalHeldSince: at } : {}) });
          c.continue();
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: `onevisit-${officerId}`, days },
  );
}

async function chooseRetention(page: Page, label: string, days: number): Promise<void> {
  const settings = page.getByTestId('sync-interval');
  // The choice is made again until the control shows it: a click can be lost while the menu is still opening.
  await expect(async () => {
    if ((await settings.getAttribute('data-retention-days')) === String(days)) return;
    const item = page.getByRole('menuitem', { name: label });
    if (!(await item.isVisible())) await settings.click();
    await item.click({ timeout: 5_000 });
    await expect(settings).toHaveAttribute('data-retention-days', String(days), { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await page.keyboard.press('Escape');
}

test('a verified photo original is dropped for its thumbnail after the retention period and fetched again when the record needs it', async ({
  page,
  context,
  endpoint,
}) => {
  test.slow();
  const { me, task, mySection } = await myPartOfSharedTask(endpoint);
  await openApp(page, endpoint.url);
  await signIn(page, 'inspector01');
  await firstSyncDone(page);
  await expect(page.getByTestId('sync-interval')).toHaveAttribute('data-retention-days', '30');
  await openTask(page, task.id);
  const card = sectionCard(page, mySection.departmentId);
  const [file] = await photos(page);
  await card.getByTestId('photos-drop').locator('input[type="file"]').setInputFiles(file!);
  await expect(card.getByTestId('photos')).toHaveAttribute('data-count', '1');
  await syncNow(page);
  const [uploaded] = await photoRows(page, me.id);
  expect(uploaded).toMatchObject({ state: 'uploaded', originalDroppedAt: null });
  expect(uploaded!.uploadedAt).not.toBeNull();
  // The record page's code is loaded once online (the browser host has no offline cache of the app's code).
  await page.getByTestId('open-record').click();
  await expect(page.getByTestId('inspection-record').locator('img.record-photo')).toHaveCount(1);
  await page.goBack();
  await expect(card).toBeVisible();

  // Kept for good while the officer says so, however old.
  await chooseRetention(page, '始终保留', 0);
  await verifiedDaysAgo(page, me.id, 31);
  await syncNow(page);
  expect(await photoRows(page, me.id)).toMatchObject([{ originalDroppedAt: null, size: uploaded!.size }]);

  // With 30 days, the sync after the period replaces the original by a thumbnail; the gallery still shows the photo.
  await chooseRetention(page, '30 天', 30);
  await syncNow(page);
  await expect.poll(async () => (await photoRows(page, me.id))[0]?.originalDroppedAt).not.toBeNull();
  const [thumbnail] = await photoRows(page, me.id);
  expect(thumbnail!.size).toBeLessThan(uploaded!.size);
  const shown = card.getByTestId('photos').getByTestId('photo');
  await expect(shown).toHaveAttribute('data-local', 'true');
  await expect(shown).toHaveAttribute('data-original', 'false');

  // Offline, the full view and the record say the original cannot be fetched now, and show the thumbnail.
  await context.setOffline(true);
  await shown.locator('img').click();
  await expect(shown.getByTestId('photo-original-unavailable')).toBeVisible();
  // The full view closes on Escape once it has the focus: pressed again until its mask is gone.
  await expect(async () => {
    await page.keyboard.press('Escape');
    await expect(page.locator('.ant-image-preview-mask')).toBeHidden({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId('open-record').click();
  const originals = page.getByTestId('record-originals');
  await expect(originals).toContainText('当前无法从服务端取回');
  await expect(page.getByTestId('inspection-record').locator('img.record-photo')).toHaveCount(1);

  // Back online: the original comes back from the endpoint, matching its hash, and the notice goes.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(originals).toHaveCount(0);
  await expect(page.getByTestId('inspection-record')).toHaveAttribute('data-attachment-downloads', 'done');
  const [restored] = await photoRows(page, me.id);
  expect(restored).toMatchObject({ sha256: uploaded!.sha256, size: uploaded!.size, originalDroppedAt: null, state: 'uploaded' });
});
