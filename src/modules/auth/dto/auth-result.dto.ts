import { ApiProperty } from '@nestjs/swagger';
import { UserViewDto } from '../../users/dto/user-view.dto.js';

export class AuthResultDto {
  @ApiProperty({ type: UserViewDto })
  user: UserViewDto;

  @ApiProperty({ description: 'JWT for `Authorization: Bearer`; short-lived' })
  accessToken: string;

  @ApiProperty({
    description: 'Opaque; exchange at /auth/refresh. Single use: each refresh returns a new one.',
  })
  refreshToken: string;

  @ApiProperty({
    type: 'integer',
    description: 'Seconds until the access token expires',
    example: 900,
  })
  expiresIn: number;
}
