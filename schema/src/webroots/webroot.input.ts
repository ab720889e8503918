import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { ResourceStatus, SortDirection } from '../common/status.js';
import { UserError } from '../common/user-error.js';
import { PhpProcessManagerMode, Webroot, WebRuntime } from './webroot.type.js';

@InputType({
  description: 'One php.ini directive. Directives that lift platform limits are refused (userError).',
})
export class PhpIniEntryInput {
  @Field({ description: 'Directive name, e.g. `memory_limit`.' })
  key!: string;

  @Field({ description: 'Value: letters, digits, spaces and `_.,:/@+-*%~|&^!()` only.' })
  value!: string;
}

@InputType({ description: 'php-fpm process manager of a webroot’s pool.' })
export class PhpProcessManagerInput {
  @Field(() => PhpProcessManagerMode, { description: 'pm.' })
  mode!: PhpProcessManagerMode;

  @Field(() => Int, { description: 'pm.max_children, 1 to 256.' })
  maxChildren!: number;

  @Field(() => Int, { nullable: true, description: 'pm.start_servers (DYNAMIC).' })
  startServers?: number | null;

  @Field(() => Int, { nullable: true, description: 'pm.min_spare_servers (DYNAMIC).' })
  minSpareServers?: number | null;

  @Field(() => Int, { nullable: true, description: 'pm.max_spare_servers (DYNAMIC).' })
  maxSpareServers?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'pm.process_idle_timeout in seconds, 1 to 3600 (ONDEMAND).',
  })
  idleTimeoutSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'pm.max_requests; 0 = never recycle a worker.' })
  maxRequests?: number | null;
}

@InputType({ description: 'PHP settings; every part is optional.' })
export class PhpSettingsInput {
  @Field(() => PhpProcessManagerInput, {
    nullable: true,
    description: 'Process manager (default ONDEMAND).',
  })
  processManager?: PhpProcessManagerInput | null;

  @Field(() => [PhpIniEntryInput], { nullable: true, description: '`php_value`s (at most 64).' })
  phpValues?: PhpIniEntryInput[] | null;

  @Field(() => [PhpIniEntryInput], {
    nullable: true,
    description: '`php_admin_value`s (at most 64).',
  })
  phpAdminValues?: PhpIniEntryInput[] | null;
}

@InputType({ description: 'Create a webroot (a site) for a tenant.' })
export class CreateWebrootInput {
  @Field(() => ID, { description: 'The tenant that owns it (ACTIVE, or still being provisioned).' })
  tenantId!: string;

  @Field(() => WebRuntime, { description: 'What it runs.' })
  runtime!: WebRuntime;

  @Field(() => String, {
    nullable: true,
    description:
      'A version the platform offers for the runtime (e.g. `8.2`, `20`); omitted = the platform’s default for it. Ignored for STATIC.',
  })
  runtimeVersion?: string | null;

  @Field(() => PhpSettingsInput, { nullable: true, description: 'PHP only.' })
  phpSettings?: PhpSettingsInput | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'NODE/PYTHON/RUBY only: the start command as an argument array (no shell), run in the webroot folder. The app listens on its Unix socket: `{socket}`, $PORT and $APP_SOCKET are its path (`gunicorn --bind unix:{socket}`, `puma --bind unix://{socket}`, Node.js `server.listen(process.env.PORT)`). Omitted = the runtime’s default.',
  })
  appCommand?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Folder served, relative to the webroot folder (default `public`).',
  })
  documentRoot?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Serve and route the service hostname (default true).',
  })
  serviceHostnameEnabled?: boolean | null;
}

@InputType({
  description:
    'Change a webroot; omitted fields stay. Switching runtime drops the old runtime’s settings (and port) and takes the new defaults unless given.',
})
export class UpdateWebrootInput {
  @Field(() => ID, { description: 'The webroot.' })
  id!: string;

  @Field(() => WebRuntime, { nullable: true, description: 'New runtime.' })
  runtime?: WebRuntime | null;

  @Field(() => String, { nullable: true, description: 'New runtime version.' })
  runtimeVersion?: string | null;

  @Field(() => PhpSettingsInput, {
    nullable: true,
    description: 'New PHP settings (replace the old ones).',
  })
  phpSettings?: PhpSettingsInput | null;

  @Field(() => [String], { nullable: true, description: 'New app command.' })
  appCommand?: string[] | null;

  @Field(() => String, { nullable: true, description: 'New document root.' })
  documentRoot?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Serve and route the service hostname.' })
  serviceHostnameEnabled?: boolean | null;
}

@InputType({ description: 'Refer to one webroot.' })
export class WebrootIdInput {
  @Field(() => ID, { description: 'The webroot.' })
  id!: string;
}

@ObjectType({ description: 'Result of a webroot mutation.' })
export class WebrootPayload {
  @Field(() => Webroot, {
    nullable: true,
    description: 'The webroot, as written (null on userErrors).',
  })
  webroot!: Webroot | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

export enum WebrootOrderField {
  CREATED_AT = 'CREATED_AT',
  NAME = 'NAME',
}
registerEnumType(WebrootOrderField, {
  name: 'WebrootOrderField',
  description: 'Webroot sort keys.',
});

@InputType({ description: 'How to sort webroots.' })
export class WebrootOrder {
  @Field(() => WebrootOrderField, { description: 'Sort key.' })
  field!: WebrootOrderField;

  @Field(() => SortDirection, { description: 'Direction.' })
  direction!: SortDirection;
}

@InputType({ description: 'Narrow a webroot list.' })
export class WebrootFilter {
  @Field(() => [ResourceStatus], {
    nullable: true,
    description: 'Only these statuses (default: all but DELETED).',
  })
  status?: ResourceStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Substring of the name or of a bound FQDN.' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this tenant’s.' })
  tenantId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this brand’s.' })
  brandId?: string | null;

  @Field(() => [WebRuntime], { nullable: true, description: 'Only these runtimes.' })
  runtime?: WebRuntime[] | null;
}

@ArgsType()
export class WebrootsArgs extends PageArgs {
  @Field(() => WebrootFilter, { nullable: true, description: 'Filter.' })
  filter?: WebrootFilter | null;

  @Field(() => WebrootOrder, { nullable: true, description: 'Sort (default: newest first).' })
  orderBy?: WebrootOrder | null;
}
