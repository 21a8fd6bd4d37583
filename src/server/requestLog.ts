import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * How Fastify logs each request. Production keeps its structured lines at info (incoming request,
 * request completed), which the operators' log collection reads. In development the console gets one
 * debug line per request instead — method, URL, status, time — so that it shows what matters at the
 * default level; errors stay at error in both.
 */
class DevelopmentLogController extends LogController {
  override incomingRequest(): void {
    // the completed line says it all
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.debug(line, 'request completed');
  }
}

export const requestLogController = (production: boolean): LogController =>
  production ? new LogController() : new DevelopmentLogController();
