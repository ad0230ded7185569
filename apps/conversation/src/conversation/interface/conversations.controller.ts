import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@choice-sherpa/platform';
import { ApiTurnResponse, ConversationResponse, ERRORS, TurnResponse } from './conversation.api';
import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiError, AuthUser, CurrentUser } from '@choice-sherpa/platform';
import { RetryReplyCommand } from '../application/commands/retry-reply/retry-reply.command';
import { SendMessageCommand } from '../application/commands/send-message/send-message.command';
import { GetConversationQuery } from '../application/queries/get-conversation/get-conversation.query';
import { EmptyBody, FindConversationRequest, IdParams, SendMessageRequest } from './conversation.requests';
import { toConversationResponse } from './conversation.response';
import { respondWithTurn } from './turn-responder';

const MAX_IDEMPOTENCY_KEY = 200;

function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY) {
    throw new ApiError(400, 'VALIDATION_FAILED', `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`, [
      { field: 'Idempotency-Key', problems: [`must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`] },
    ]);
  }
  return value;
}

/** API.md "conversation": every route answers 404 for a conversation that is not the caller's. */
@Controller('api/conversations')
@ApiTags('conversations')
@ApiExtraModels(TurnResponse)
@ApiErrors(ERRORS.notFound)
export class ConversationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({ type: ConversationResponse, description: 'The conversation of a component (created on component.started)' })
  async find(@CurrentUser() user: AuthUser, @Query() query: FindConversationRequest) {
    return toConversationResponse(await this.queries.execute(new GetConversationQuery(user.userId, { cycleId: query.cycle_id, componentType: query.component_type })));
  }

  @Get(':id')
  @ApiOkResponse({ type: ConversationResponse })
  async get(@CurrentUser() user: AuthUser, @Param() params: IdParams) {
    return toConversationResponse(await this.queries.execute(new GetConversationQuery(user.userId, { id: params.id })));
  }

  @Post(':id/messages')
  @ApiTurnResponse()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key and body answers the first result again', schema: { type: 'string', maxLength: MAX_IDEMPOTENCY_KEY } })
  @ApiErrors(ERRORS.blank, ERRORS.tierLimit, ERRORS.locked, ERRORS.replyPending, ERRORS.replyInProgress, ERRORS.keyReused, ERRORS.aiUnavailable)
  async send(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParams,
    @Body() body: SendMessageRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const checkedKey = idempotencyKey(key);
    await respondWithTurn(request, response, (listener) => this.commands.execute(new SendMessageCommand(user.userId, params.id, body.content, checkedKey, listener)));
  }

  @Post(':id/reply')
  @ApiTurnResponse()
  @ApiErrors(ERRORS.tierLimit, ERRORS.locked, ERRORS.alreadyReplied, ERRORS.replyInProgress, ERRORS.aiUnavailable)
  async reply(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() _body: EmptyBody, @Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    await respondWithTurn(request, response, (listener) => this.commands.execute(new RetryReplyCommand(user.userId, params.id, listener)));
  }
}
