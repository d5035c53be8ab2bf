import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details.js';
import { PROBLEM_DESCRIPTIONS, ProblemDetailsDto } from './api-problems.decorator.js';

/** What each tag groups, for the docs UI and a generated client's modules. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: 'Accounts: sign-up, sign-in, token refresh and sign-out.',
  members: 'Profiles, the member directory and network roles.',
  territories: 'The territory tree of Batken district (public reference data).',
  organisations: 'Organisations, their members, invitations and network membership.',
  issues: 'The problem register: issues, their workflow, endorsements, follows and merges.',
  comments: 'Comments on issues, their edits and moderation.',
  escalations: 'Escalations of issues to authorities, with deadlines and answers.',
  notifications: 'In-app notifications of the caller.',
  rooms: 'Discussion rooms, their history, members and moderation settings.',
  moderation: 'Hidden messages, the flag queue and the audit log.',
  attachments:
    'Photos, documents and voice notes: tus resumable uploads, attachments read from their bytes, signed file URLs.',
  surveys:
    'Needs-assessment surveys: the builder, versions, submissions (idempotent by client id), corrections, public links.',
  search: "The search thesaurus: the network's terms across languages, edited by admins.",
  events:
    'Trainings, round tables, focus groups, network meetings and presentations: registrations, sign-in sheets, counts, minutes and statistics.',
  findings:
    'Findings of the needs assessment with their frozen evidence, raised as issues and traced to the answers.',
  ballots:
    'Priority ballots: one voice per network-member organisation, approval, ranked or dot; results by organisation kind and aiyl aimak after the close; the outcome prioritises issues.',
  legal:
    'The legal library: acts and their provisions with stable eIds, ranked search with highlights, and links from provisions to issues (proposed by members, confirmed by facilitators).',
  strategies:
    'Advocacy strategies: objectives with weights, actions with owners, target authorities, due dates and a timeline of updates; progress rolled up; overdue actions.',
  reports:
    "District report packs: a frozen, hashed snapshot of a district's register for a period, as a PDF (Kyrgyz or Russian) and an XLSX, built in the background.",
  health: 'Liveness and readiness for load balancers and orchestrators.',
  campaigns:
    'Information campaigns: publications per language and audience approved by facilitators, the reach log kept by organisations (idempotent by clientRowId) and its summary.',
};

const BODY_METHODS = new Set(['post', 'put', 'patch']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI 3.1 document of the app (docs/api.md). Operation ids are the controller
 * methods' names: they become a generated client's function names, so they are chosen for
 * the client (`listIssues`, `raiseIssue`) and must be unique.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Kenesh API')
    .setDescription(
      'Coordination hub of the network of border LSG bodies and community organisations. ' +
        'Errors are RFC 9457 problem details (application/problem+json) with a `code`.',
    )
    .setVersion('1')
    .addServer('http://localhost:3000', 'A hub started locally with `npm start`')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDetailsDto],
    operationIdFactory: (_controller, method) => method,
  });
  declareCommonProblems(document);
  document.tags = [...new Set(operations(document).flatMap((op) => op.tags ?? []))]
    .sort()
    .map((name) =>
      TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name },
    );
  return document;
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

function operations(document: OpenAPIObject): Operation[] {
  return Object.values(document.paths).flatMap((item) =>
    METHODS.map((method) => item[method]).filter((op): op is Operation => op !== undefined),
  );
}

/**
 * Answers no route opts into, because they come from the layers in front of every route:
 * the input guard (400 on any path or query, 413 and 415 on any body, whether the route
 * reads one or not) and the database (503 with Retry-After while PostgreSQL is away, on
 * every `/api/v1` route: each one reads it, the token check included).
 */
function declareCommonProblems(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const statuses = [400];
      if (BODY_METHODS.has(method)) statuses.push(413, 415);
      if (path.startsWith('/api/')) statuses.push(503);
      for (const status of statuses) {
        op.responses[status] ??= {
          description: PROBLEM_DESCRIPTIONS[status],
          content: {
            [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
          },
        };
      }
    }
  }
}
