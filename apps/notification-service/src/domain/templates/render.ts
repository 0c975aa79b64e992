import type { Message } from '../notification';
import { welsh } from './cy';
import { english } from './en';
import type { MessageFacts } from './message-facts';

export { providerName, type MessageFacts } from './message-facts';
export { englishDateTime, welshDateTime } from './london-time';

/** The text of a message in one of the languages we write. */
export const renderMessage = (language: 'en' | 'cy', facts: MessageFacts): Message => (language === 'cy' ? welsh(facts) : english(facts));
