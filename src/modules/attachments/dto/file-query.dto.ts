import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** The signature part of a file URL (`?exp=…&sig=…`). */
export class FileQueryDto {
  @ApiProperty({ type: 'integer', description: 'Expiry, Unix seconds' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1e11)
  exp: number;

  @ApiProperty({ description: 'HMAC-SHA256 of id, variant and expiry, base64url' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/)
  sig: string;
}
