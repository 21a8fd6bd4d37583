import { describe, expect, it, vi } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestLogController } from '../../src/server/requestLog.js';

const fakeLog = () => ({ info: vi.fn(), debug: vi.fn(), error: vi.fn() });

function exchange() {
  const log = fakeLog();
  const request = { method: 'GET', url: '/api/health', log, id: 'r1' } as unknown as FastifyRequest;
  const reply = { statusCode: 200, elapsedTime: 3.2, log, request } as unknown as FastifyReply;
  return { log, request, reply };
}

describe('request logging', () => {
  it('in development: no incoming line, one debug line per completed request, errors at error', () => {
    const controller = requestLogController(false);
    const { log, request, reply } = exchange();
    controller.incomingRequest(request, reply, {});
    controller.requestCompleted(null, request, reply, {});
    expect(log.info).not.toHaveBeenCalled();
    expect(log.debug).toHaveBeenCalledTimes(1);
    expect(log.debug.mock.calls[0]![0]).toEqual({
      method: 'GET',
      url: '/api/health',
      statusCode: 200,
      responseTime: 3.2,
    });
    controller.requestCompleted(new Error('boom'), request, reply, {});
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it('in production: Fastify’s structured lines at info', () => {
    const controller = requestLogController(true);
    const { log, request, reply } = exchange();
    controller.incomingRequest(request, reply, {});
    controller.requestCompleted(null, request, reply, {});
    expect(log.info).toHaveBeenCalledTimes(2);
    expect(log.debug).not.toHaveBeenCalled();
  });
});
