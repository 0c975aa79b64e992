import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNhsNumber } from '@app/service-kit';

/** Exactly one of `appointment` or `patient` (checked by the controller, which names both fields). */
export class NotificationsQuery {
  @IsOptional() @IsString() @MaxLength(100)
  appointment?: string;

  @IsOptional() @IsNhsNumber()
  patient?: string;
}
