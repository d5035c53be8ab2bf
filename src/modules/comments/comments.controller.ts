import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { Roles } from '../../common/decorators/roles.decorator.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { CommentsService } from './comments.service.js';
import {
  CommentPageDto,
  CommentRevisionListDto,
  CommentsQueryDto,
  CommentViewDto,
  CreateCommentDto,
  HideCommentDto,
  UpdateCommentDto,
} from './dto/comment.dto.js';

@ApiTags('comments')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post('issues/:id/comments')
  @ApiOperation({
    summary: 'Comment on an issue',
    description:
      'Adds a comment, or a reply to one of its comments (one level deep); the commenter follows the issue.',
  })
  @ApiCreatedResponse({ type: CommentViewDto })
  @ApiProblems(400, 404, 409, 413)
  addComment(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreateCommentDto,
  ): Promise<CommentViewDto> {
    return this.comments.create(actor, id, body);
  }

  @Get('issues/:id/comments')
  @ApiOperation({
    summary: "An issue's comments",
    description:
      'Oldest first, replies included, in pages; hidden ones show their reason to facilitators and admins only.',
  })
  @ApiOkResponse({ type: CommentPageDto })
  @ApiProblems(400, 404)
  listComments(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: CommentsQueryDto,
  ): Promise<CommentPageDto> {
    return this.comments.list(actor, id, query);
  }

  @Patch('comments/:id')
  @ApiOperation({
    summary: 'Edit a comment',
    description: 'Its author only; the previous text is kept as a revision.',
  })
  @ApiOkResponse({ type: CommentViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  editComment(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateCommentDto,
  ): Promise<CommentViewDto> {
    return this.comments.update(actor, id, body.body);
  }

  @Get('comments/:id/revisions')
  @ApiOperation({
    summary: 'Edit history of a comment',
    description: 'Visible to its author, facilitators and admins.',
  })
  @ApiOkResponse({ type: CommentRevisionListDto })
  @ApiProblems(400, 403, 404)
  listCommentRevisions(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<CommentRevisionListDto> {
    return this.comments.revisions(actor, id, query);
  }

  @Delete('comments/:id')
  @ApiOperation({
    summary: 'Delete a comment',
    description:
      'Its author only; a tombstone stays so replies keep their place, and deleting again changes nothing.',
  })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404)
  deleteComment(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.comments.remove(actor, id);
  }

  @Post('comments/:id/hide')
  @ApiOperation({
    summary: 'Hide a comment',
    description: 'Facilitators and admins hide a comment with a reason.',
  })
  @HttpCode(200)
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: CommentViewDto })
  @ApiProblems(400, 403, 404, 409)
  hideComment(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: HideCommentDto,
  ): Promise<CommentViewDto> {
    return this.comments.hide(actor, id, body.reason);
  }

  @Post('comments/:id/unhide')
  @ApiOperation({
    summary: 'Show a hidden comment again',
    description: 'Facilitators and admins restore a hidden comment.',
  })
  @HttpCode(200)
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: CommentViewDto })
  @ApiProblems(400, 403, 404, 409)
  unhideComment(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<CommentViewDto> {
    return this.comments.unhide(actor, id);
  }
}
