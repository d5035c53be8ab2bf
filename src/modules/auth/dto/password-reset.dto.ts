import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class PasswordResetDto {
  @ApiProperty({ example: 'aibek@ak-sai.kg' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({
    description:
      'The one-time code a facilitator or admin read out; case, spaces and dashes do not matter',
    example: 'K7QM-4TZP',
    minLength: 8,
    maxLength: 20,
  })
  @IsString()
  @MinLength(8)
  @MaxLength(20)
  @Matches(/^[A-Za-z0-9 -]+$/, { message: 'field.resetCodeFormat' })
  code: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}
