import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { TestApp } from './test-app.js';

export interface RouteEntry {
  method: string;
  /** As a client calls it: `/api/v1/...`, or `/health/...` and `/` outside the prefix. */
  path: string;
  handler: object;
  controller: object;
}

/** Every route the app serves, read from its controllers' metadata (the route table). */
export function listRoutes(app: TestApp['app']): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const full = ['', base, path]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/');
        routes.push({
          method: RequestMethod[method],
          path: full === '' || full.startsWith('health/') ? `/${full}` : `/api/v1/${full}`,
          handler,
          controller,
        });
      }
    }
  }
  return routes;
}
