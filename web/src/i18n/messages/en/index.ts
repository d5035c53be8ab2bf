// English: defines every key. Each screen's keys live in a part of their own; the parts make one
// file (one chunk) per language.
import type { Text } from '../../index.js';
import { common } from './common.js';
import { people } from './people.js';
import { facilitation } from './facilitation.js';
import { issues } from './issues.js';
import { rooms } from './rooms.js';
import { attachments } from './attachments.js';
import { assessment } from './assessment.js';
import { surveys } from './surveys.js';
import { advocacy } from './advocacy.js';
import { events } from './events.js';
import { ballots } from './ballots.js';
import { strategies } from './strategies.js';
import { legal } from './legal.js';
import { campaigns } from './campaigns.js';
import { reports } from './reports.js';

export const en = {
  ...common,
  ...people,
  ...facilitation,
  ...issues,
  ...rooms,
  ...attachments,
  ...assessment,
  ...surveys,
  ...advocacy,
  ...events,
  ...ballots,
  ...strategies,
  ...legal,
  ...campaigns,
  ...reports,
} satisfies Record<string, Text>;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, Text>;
/** A part of another language: the same keys as its English part. */
export type Part<T> = Record<keyof T, Text>;
