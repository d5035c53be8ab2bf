import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';
import { AuthSession } from './auth-session.entity.js';

/** A refresh token is `<id>.<secret>`; only the SHA-256 of the secret is stored. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('refresh_tokens_session_id_idx')
  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<AuthSession>;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @CreatedAt()
  createdAt: Date;

  /** Set when the token is exchanged; a token with `used_at` shown again is a replay. */
  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
