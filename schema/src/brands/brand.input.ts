import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { Brand } from './brand.type.js';

@InputType({ description: 'Create a brand (platform administrators only).' })
export class CreateBrandInput {
  @Field({ description: 'Unique name: 2 to 40 lowercase letters, digits and dashes.' })
  name!: string;

  @Field({ description: 'Base hostname, e.g. `hosting.example.com`.' })
  baseHostname!: string;

  @Field(() => [String], { description: 'Name server hostnames (at least two).' })
  nsHostnames!: string[];

  @Field({ description: 'Hostmaster e-mail address.' })
  hostmasterEmail!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Host names only this brand’s tenants may bind (see Brand.reservedHostnameSuffixes); none by default.',
  })
  reservedHostnameSuffixes?: string[] | null;
}

@InputType({ description: 'Change a brand.' })
export class UpdateBrandInput {
  @Field(() => ID, { description: 'The brand.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New base hostname.' })
  baseHostname?: string | null;

  @Field(() => [String], { nullable: true, description: 'New name servers (at least two).' })
  nsHostnames?: string[] | null;

  @Field(() => String, { nullable: true, description: 'New hostmaster e-mail.' })
  hostmasterEmail?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'New reserved host name suffixes, replacing the list (platform administrators only).',
  })
  reservedHostnameSuffixes?: string[] | null;
}

@InputType({ description: 'Refer to one brand.' })
export class BrandIdInput {
  @Field(() => ID, { description: 'The brand.' })
  id!: string;
}

@ObjectType({ description: 'Result of a brand mutation.' })
export class BrandPayload {
  @Field(() => Brand, { nullable: true, description: 'The brand as written (null on userErrors or after delete).' })
  brand!: Brand | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
