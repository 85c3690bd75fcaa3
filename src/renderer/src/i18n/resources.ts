import type { Resource, ResourceLanguage } from 'i18next';
import { messages as app } from '../app/messages';
import { messages as components } from '../components/messages';
import { messages as componentsSection } from '../components/section/messages';
import { messages as dashboard } from '../features/dashboard/messages';
import { messages as devices } from '../features/devices/messages';
import { messages as dossier } from '../features/dossier/messages';
import { messages as inspection } from '../features/inspection/messages';
import { messages as instantCheck } from '../features/instantCheck/messages';
import { messages as map } from '../features/map/messages';
import { messages as plans } from '../features/plans/messages';
import { messages as record } from '../features/record/messages';
import { messages as review } from '../features/review/messages';
import { messages as session } from '../features/session/messages';
import { messages as sync } from '../features/sync/messages';
import { messages as tasks } from '../features/tasks/messages';
import { common } from './common';
import { LANGUAGES, type Language, type Message, type Messages } from './languages';

/**
 * Each owner's messages under its own namespace: the first part of every key names its owner. components/ keeps a
 * messages.ts per subfolder too, under components.<subfolder> (e.g. components/section → components.section.*).
 */
export const MESSAGES = {
  common,
  app,
  components: { ...components, section: componentsSection },
  dashboard,
  devices,
  dossier,
  inspection,
  instantCheck,
  map,
  plans,
  record,
  review,
  session,
  sync,
  tasks,
} satisfies Messages;

const isMessage = (entry: Message | Messages): entry is Message => typeof entry['zh-CN'] === 'string';

function inLanguage(messages: Messages, language: Language): ResourceLanguage {
  return Object.fromEntries(
    Object.entries(messages).map(([key, entry]) => [key, isMessage(entry) ? entry[language] : inLanguage(entry, language)]),
  );
}

export const resources: Resource = Object.fromEntries(LANGUAGES.map((l) => [l, { translation: inLanguage(MESSAGES, l) }]));
