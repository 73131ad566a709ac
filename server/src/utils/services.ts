import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../shared/manifest';
import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;

/** Typed access to the plugin's services: `getService(strapi, 'slug').fromTitle(...)`. */
export const getService = <TName extends ServiceName>(strapi: Core.Strapi, name: TName): ReturnType<Services[TName]> =>
  strapi.plugin(PLUGIN_ID).service(name) as ReturnType<Services[TName]>;
