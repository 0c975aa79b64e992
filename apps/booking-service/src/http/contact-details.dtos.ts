import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, ValidateNested, ValidationOptions, registerDecorator } from 'class-validator';
import {
  contactLimits,
  isEmail,
  isLanguageTag,
  isLine,
  isUkMobile,
  isUkPostcode,
  messageFormats,
  notificationChannels,
  supporterRoles,
  withoutSpaces,
} from '../domain/contact-details';

/** One rule, one message naming the field (never its value: contact details stay out of answers and logs). */
const rule =
  (name: string, message: string, validate: (value: unknown) => boolean): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({ name, target: target.constructor, propertyName: propertyName as string, options: { message }, validator: { validate } });

/** A nested object: validated with its own rules, its unknown fields refused, anything else one error naming it. */
const Nested = (type: () => new () => object, options?: ValidationOptions): PropertyDecorator => {
  const decorators = [IsObject(options), ValidateNested(options), Type(type)];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
};

const trimmed = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
// The number is kept as the rules read it: without spaces.
const spacesRemoved = Transform(({ value }) => (typeof value === 'string' ? withoutSpaces(value) : value));

export class PostalAddressDto {
  @IsArray({ message: 'lines must be a list of address lines' })
  @ArrayMinSize(1, { message: `lines must have 1 to ${contactLimits.addressLines} lines` })
  @ArrayMaxSize(contactLimits.addressLines, { message: `lines must have 1 to ${contactLimits.addressLines} lines` })
  @rule('addressLine', `each line must be text of 1 to ${contactLimits.addressLine} characters`, (lines) =>
    Array.isArray(lines) ? lines.every((line) => isLine(line, contactLimits.addressLine)) : true,
  )
  lines!: string[];

  @trimmed @rule('ukPostcode', 'postcode must be a UK postcode', isUkPostcode)
  postcode!: string;
}

export class ContactDetailsDto {
  @IsOptional() @trimmed @rule('email', `email must be an email address of at most ${contactLimits.email} characters`, isEmail)
  email?: string;

  @IsOptional() @spacesRemoved @rule('ukMobile', 'phone must be a UK mobile number (07… or +447…)', isUkMobile)
  phone?: string;

  @IsOptional() @Nested(() => PostalAddressDto)
  address?: PostalAddressDto;
}

export class PatientContactDto extends ContactDetailsDto {
  @IsOptional() @IsIn([...notificationChannels, 'none'], { message: `preferredChannel must be one of ${[...notificationChannels, 'none'].join(', ')}` })
  preferredChannel?: (typeof notificationChannels)[number] | 'none';

  @IsOptional() @rule('languageTag', `language must be a language tag such as en or cy, of at most ${contactLimits.language} characters`, isLanguageTag)
  language?: string;

  @IsOptional() @IsIn(messageFormats, { message: `format must be one of ${messageFormats.join(', ')}` })
  format?: (typeof messageFormats)[number];
}

export class SupporterContactDto extends ContactDetailsDto {
  @IsOptional() @IsIn(notificationChannels, { message: `preferredChannel must be one of ${notificationChannels.join(', ')}` })
  preferredChannel?: (typeof notificationChannels)[number];
}

export class SupporterDto {
  @rule('supporterName', `name must be text of 1 to ${contactLimits.supporterName} characters`, (value) => isLine(value, contactLimits.supporterName))
  name!: string;

  @IsOptional() @rule('relationship', `relationship must be text of 1 to ${contactLimits.relationship} characters`, (value) => isLine(value, contactLimits.relationship))
  relationship?: string;

  @IsIn(supporterRoles, { message: `role must be one of ${supporterRoles.join(', ')}` })
  role!: (typeof supporterRoles)[number];

  @IsOptional() @Nested(() => SupporterContactDto)
  contact?: SupporterContactDto;
}

export { Nested };
