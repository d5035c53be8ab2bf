import type { Messages } from '../en/index.js';
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

export const ru: Messages = {
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
};
