export const placeholder = 'scanner';
