// The two languages of the fixture world. Its own module, free of faker's types, because the
// public types (buildFixtureWorld's module) name it.
export type Lang = 'ru' | 'en';
