import type { Resource, ResourceLanguage } from 'i18next';
import app from '../app/messages.json';
import admin from '../features/admin/messages.json';
import components from '../components/messages.json';
import componentsSection from '../components/section/messages.json';
import dashboard from '../features/dashboard/messages.json';
import devices from '../features/devices/messages.json';
import dossier from '../features/dossier/messages.json';
import inspection from '../features/inspection/messages.json';
import instantCheck from '../features/instantCheck/messages.json';
import intake from '../features/intake/messages.json';
import map from '../features/map/messages.json';
import plans from '../features/plans/messages.json';
import record from '../features/record/messages.json';
import review from '../features/review/messages.json';
import session from '../features/session/messages.json';
import sync from '../features/sync/messages.json';
import tasks from '../features/tasks/messages.json';
import common from './common.json';
import { LANGUAGES, type Language, type Message, type Messages } from './languages';

/**
 * Each owner's messages under its own namespace: the first part of every key names its owner. Each owner keeps them in
 * its folder's messages.json, zh-CN and en side by side; `satisfies Messages` refuses a message missing a language.
 * components/ keeps a messages.json per subfolder too, under components.<subfolder> (e.g. components.section.*).
 */
export const MESSAGES = {
  common,
  app,
  admin,
  components: { ...components, section: componentsSection },
  dashboard,
  devices,
  dossier,
  inspection,
  instantCheck,
  intake,
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
