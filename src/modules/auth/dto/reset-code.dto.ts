import { ApiProperty } from '@nestjs/swagger';

export class ResetCodeDto {
  @ApiProperty({
    description:
      'Read it to the member; they type it with a new password at POST /auth/password-reset. Shown once, stored only hashed.',
    example: 'K7QM-4TZP',
    pattern: '^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$',
  })
  code: string;

  @ApiProperty({ format: 'date-time', description: 'After this the code no longer works' })
  expiresAt: string;
}
