/* eslint-disable */
/**
 * Generated from protocols/v2/asyncapi.yaml and protocols/v2/schemas/ — do not edit. Run `npm run generate`.
 */

/** Every `type` a client may send. */
export const CLIENT_EVENT_TYPES = ["delete_message","edit_message","message_read","new_message","set_offline","set_online","user_typing"] as const;

/** Every `type` a server may send. */
export const SERVER_EVENT_TYPES = ["delete_message","edit_message","error","message_read","new_message","set_offline","set_online","user_typing"] as const;

/** Client event types that address a chat (`chat_type` + `chat_id`). */
export const CHAT_EVENT_TYPES = ["delete_message","edit_message","message_read","new_message","user_typing"] as const;

/** Client event types without parameters. */
export const GENERAL_EVENT_TYPES = ["set_offline","set_online"] as const;

/** The kinds of chat. */
export const CHAT_TYPES = ["direct","project"] as const;

/** Codes of the server `error` event. */
export const ERROR_CODES = ["invalid_json","unsupported_data","invalid_event","unknown_event_type","user_not_found","chat_not_found","not_chat_member","message_not_found","reply_not_in_chat","cannot_read_own_message","not_message_author","rate_limited","internal_error"] as const;

/** Codes of one problem inside an `error` event. */
export const PROBLEM_CODES = ["not_an_object","missing_field","unknown_field","wrong_type","invalid_value","invalid_format","too_short","too_long","out_of_range","unknown_event_type","chat_id_order"] as const;

/** Every property name any frame schema declares, at any depth (every other key is an unknown field). */
export const FIELD_NAMES = ["author","avatar","chat_id","chat_type","code","content","created_at","datetime_uploaded","email","end_time","error","event_type","extension","file_urls","files","first_name","id","is_deleted","is_edited","is_online","is_read","last_name","link","message","message_id","mime_type","name","pointer","problems","problems_omitted","reply_to","size","text","type","user","user_id"] as const;

/** The pattern of a message text (1..MESSAGE_TEXT_MAX_LENGTH characters once trimmed). */
export const MESSAGE_TEXT_PATTERN = "^\\s*\\S(?:[\\s\\S]{0,8190}\\S)?\\s*$";

/** The longest message text, counted after trimming (read from the MessageText pattern). */
export const MESSAGE_TEXT_MAX_LENGTH = 8192;
