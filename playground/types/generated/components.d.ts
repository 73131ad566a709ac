import type { Schema, Struct } from '@strapi/strapi';

export interface NewsroomCorrection extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_corrections';
  info: {
    description: 'A correction published on the story: its date and its text.';
    displayName: 'Correction';
    icon: 'pencil';
  };
  attributes: {
    date: Schema.Attribute.DateTime & Schema.Attribute.Required;
    text: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'newsroom.correction': NewsroomCorrection;
    }
  }
}
