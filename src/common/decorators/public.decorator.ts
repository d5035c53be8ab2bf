import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'kenesh:isPublic';

/** Opts a route out of the global JWT guard. Every other route needs a valid access token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
