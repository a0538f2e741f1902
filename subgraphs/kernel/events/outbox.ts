// A subgraph's transactional outbox: an event is a row written in the same transaction as the
// change it reports, so a change that rolls back leaves no event and one that commits cannot lose
// it. One dispatcher at a time (a transaction-scoped advisory lock; other replicas' attempts return
// at once) publishes what has committed: it gives each event its place in the subgraph's one
// publication order (`seq`), and runs the publish hooks (webhook deliveries to write, say) in the
// same transaction, so an event is published, and handed to each hook, exactly once. Readers
// (live streams) read by `seq`, so one that resumes after `seq` N misses and repeats nothing.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { Column, Entity, Index, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import { logger } from '../../../platform/logger';

@Entity({ name: 'outbox_event' })
@Index('IDX_outbox_event_unpublished', ['recordedAt'], { where: 'seq IS NULL' })
export class OutboxEvent {
  /** Also the event's id wherever it is delivered (a webhook's `webhook-id`). */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Its place in the publication order: null until published, then 1, 2, 3 ... without gaps. */
  @Index('UQ_outbox_event_seq', { unique: true })
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  seq: number | null;

  /** What happened, e.g. "alert.issued". */
  @Column({ type: 'varchar', length: 60 })
  topic: string;

  /** The record it is about (an alert's id). */
  @Column({ type: 'uuid', name: 'subject_id' })
  subjectId: string;

  /** The organisation it concerns besides the record's readers, when there is one (the one that acknowledged). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  org: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  /** When the change committed (its transaction's time). */
  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'now()' })
  recordedAt: Date;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;
}

export interface NewEvent {
  id: string;
  topic: string;
  subjectId: string;
  org?: string | null;
  payload?: Record<string, unknown>;
}

export type PublishedEvent = OutboxEvent & { seq: number; publishedAt: Date };

/** Runs inside the publishing transaction with the events it publishes, in order; a throw publishes none of them. */
export type PublishHook = (manager: EntityManager, events: PublishedEvent[]) => Promise<void>;

const channel = (schema: string) => `hub_outbox_${schema}`;

/**
 * Records `event` in the transaction of `manager`, the one making the change it reports. The
 * dispatchers listening on PostgreSQL hear of it when (and only if) that transaction commits.
 */
export async function recordEvent(manager: EntityManager, event: NewEvent): Promise<void> {
  const metadata = manager.connection.getMetadata(OutboxEvent);
  await manager.query(`INSERT INTO ${metadata.tablePath} (id, topic, subject_id, org, payload, recorded_at) VALUES ($1, $2, $3, $4, $5, now())`, [
    event.id,
    event.topic,
    event.subjectId,
    event.org ?? null,
    JSON.stringify(event.payload ?? {}),
  ]);
  await manager.query(`SELECT pg_notify($1, '')`, [channel(metadata.schema ?? 'public')]);
}

/**
 * Publishes up to `limit` committed events, oldest first, and runs `hooks` on them, all in one
 * transaction. Returns what it published: none when another dispatcher is at it.
 */
export async function publishPending(db: DataSource, hooks: readonly PublishHook[], limit = 200): Promise<PublishedEvent[]> {
  const metadata = db.getMetadata(OutboxEvent);
  const table = metadata.tablePath;
  const published = await db.transaction(async (manager) => {
    const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`outbox ${table}`]);
    if (!locked) return [];
    const pending: { id: string }[] = await manager.query(
      `SELECT id FROM ${table} WHERE seq IS NULL ORDER BY recorded_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (pending.length === 0) return [];
    // Under the lock no one else numbers events: the next numbers follow the highest given.
    await manager.query(
      `UPDATE ${table} e SET seq = last.seq + u.n, published_at = clock_timestamp()
         FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n), (SELECT coalesce(max(seq), 0) AS seq FROM ${table}) last
        WHERE e.id = u.id`,
      [pending.map((row) => row.id)],
    );
    const events = (await manager
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids: pending.map((row) => row.id) })
      .orderBy('e.seq')
      .getMany()) as PublishedEvent[];
    for (const hook of hooks) await hook(manager, events);
    await manager.query(`SELECT pg_notify($1, $2)`, [`${channel(metadata.schema ?? 'public')}_published`, String(events[events.length - 1].seq)]);
    return events;
  });
  return published;
}

/** Published events after `seq`, in order. */
export function eventsAfter(manager: EntityManager, seq: number, limit = 500): Promise<PublishedEvent[]> {
  return manager.getRepository(OutboxEvent).createQueryBuilder('e').where('e.seq > :seq', { seq }).orderBy('e.seq').limit(limit).getMany() as Promise<
    PublishedEvent[]
  >;
}

/** The highest `seq` published so far (0 before the first). */
export async function lastPublished(manager: EntityManager): Promise<number> {
  const [{ seq }] = await manager.query(`SELECT coalesce(max(seq), 0)::bigint AS seq FROM ${manager.connection.getMetadata(OutboxEvent).tablePath}`);
  return Number(seq);
}

export interface OutboxDispatcherOptions {
  hooks?: readonly PublishHook[];
  /** How often it looks without being told (PGlite, or a notification lost with its connection). */
  pollMs?: number;
  /** PostgreSQL: a connection of its own that LISTENs, so a commit on any replica wakes it at once. */
  listenUrl?: string;
}

/**
 * Works the outbox of `db` until stopped: publishes whenever an event commits (heard on PostgreSQL
 * through LISTEN, or within `pollMs`), and tells `published` listeners in this process, e.g. the
 * live streams it serves, whenever events are published here or, on PostgreSQL, by any replica.
 */
export class OutboxDispatcher {
  readonly published = new EventEmitter();
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly options: OutboxDispatcherOptions = {},
  ) {
    this.published.setMaxListeners(0);
  }

  async start(): Promise<void> {
    const schema = this.db.getMetadata(OutboxEvent).schema ?? 'public';
    if (this.options.listenUrl) {
      try {
        const client = new pg.Client({ connectionString: this.options.listenUrl, application_name: `hub-${schema}-outbox` });
        client.on('error', (error) => logger.warn('outbox listener lost its connection; polling until restart', { schema, error }));
        client.on('notification', (message) => {
          if (message.channel === channel(schema)) this.wake();
          else this.published.emit('published');
        });
        await client.connect();
        await client.query(`LISTEN ${channel(schema)}`);
        await client.query(`LISTEN ${channel(schema)}_published`);
        this.listener = client;
      } catch (error) {
        logger.warn('outbox listener could not connect; polling instead', { schema, error });
      }
    }
    const poll = () => {
      if (this.stopped) return;
      this.wake();
      this.timer = setTimeout(poll, this.options.pollMs ?? 250);
      this.timer.unref();
    };
    poll();
  }

  /** Publishes now (again once more if it is already at it). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async work(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped || !this.db.isInitialized) return;
        const events = await publishPending(this.db, this.options.hooks ?? []);
        if (events.length > 0) this.published.emit('published');
        if (events.length < 200) return;
      }
    } catch (error) {
      logger.error('outbox dispatch failed; retrying', { error });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }
}
