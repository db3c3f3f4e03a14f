export const placeholder = 'eslint-plugin';
