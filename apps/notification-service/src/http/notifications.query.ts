import { IsNotEmpty, IsString } from 'class-validator';

export class NotificationsQuery {
  @IsString() @IsNotEmpty({ message: 'appointment is required: the id of the appointment whose notifications to list' })
  appointment!: string;
}
