import { describe, expect, it } from 'vitest';
import { pickFile } from './pickFile';

/** A page with one body, whose file inputs "open" by calling `choose` with the input. */
function fakeDocument(choose: (input: FakeInput) => void) {
  const body = new Set<FakeInput>();
  const document = {
    body: { append: (input: FakeInput) => body.add(input) },
    createElement: () => new FakeInput(body, choose),
  };
  return { document: document as unknown as Document, body };
}

class FakeInput extends EventTarget {
  type = '';
  accept = '';
  hidden = false;
  files: File[] | null = null;
  constructor(
    private readonly body: Set<FakeInput>,
    private readonly choose: (input: FakeInput) => void,
  ) {
    super();
  }
  click() {
    this.choose(this);
  }
  remove() {
    this.body.delete(this);
  }
}

describe('pickFile', () => {
  it('opens a hidden file input of the given types and answers the chosen file, leaving nothing behind', async () => {
    const file = new File(['x'], '行政处罚.csv');
    let shown: FakeInput | null = null;
    const page = fakeDocument((input) => {
      shown = input;
      input.files = [file];
      input.dispatchEvent(new Event('change'));
    });
    expect(await pickFile('.csv,.xlsx', page.document)).toBe(file);
    expect(shown).toMatchObject({ type: 'file', accept: '.csv,.xlsx', hidden: true });
    expect(page.body.size).toBe(0);
  });

  it('answers null when the officer cancels', async () => {
    const page = fakeDocument((input) => input.dispatchEvent(new Event('cancel')));
    expect(await pickFile('.csv', page.document)).toBeNull();
    expect(page.body.size).toBe(0);
  });
});
