// Words for the generated complaints: names, descriptions and officers' remarks, as people write them.
export const FIRST_NAMES = [
  'Muhammad', 'Ahmed', 'Ali', 'Abdul Rahim', 'Hassan', 'Bilal', 'Zahid', 'Naseer', 'Gul', 'Jan', 'Karim',
  'Wahid', 'Sana', 'Ayesha', 'Fatima', 'Mahnoor', 'Zainab', 'Hina', 'Nazia', 'Shazia', 'Noor', 'Sadia',
  'Khadija', 'Saeed', 'Habib', 'Rashid', 'Asad', 'Shah', 'Yousaf', 'Mir',
]; // prettier-ignore

export const SURNAMES = [
  'Baloch', 'Khan', 'Kakar', 'Achakzai', 'Marri', 'Bugti', 'Mengal', 'Raisani', 'Jamali', 'Magsi', 'Zehri',
  'Rind', 'Lehri', 'Hazara', 'Tareen', 'Mandokhail', 'Shahwani', 'Bizenjo', 'Langove', 'Notezai', 'Jogezai',
  'Durrani', 'Qureshi', 'Syed', 'Barech',
]; // prettier-ignore

export const DESCRIPTION_OPENINGS = [
  'This has been going on for more than a week and nobody has come.',
  'We reported it to the local office twice but nothing happened.',
  'The whole street is affected, including the school children.',
  'Elderly people and patients in our mohalla are suffering because of this.',
  'It started after the rain last month and has become worse every day.',
  'Shopkeepers in the bazaar have also complained about the same problem.',
  'Please send someone to look at it, the people of the area are very worried.',
  'This is the third time this year that the same thing has happened here.',
  'The staff on duty said it is not their responsibility and sent us away.',
  'Our families have no other way to deal with this and need help urgently.',
  'The problem is near the main road and can be seen by anyone passing.',
  'We are ready to help the officials and can show them the exact place.',
]; // prettier-ignore

export const DESCRIPTION_DETAILS = [
  'The nearest landmark is the government primary school.',
  'It is behind the mosque, next to the water tank.',
  'Photos were taken on the day it happened.',
  'Residents have collected signatures for this complaint.',
  'The union council member has been informed as well.',
  'Children have to cross it on their way to school every morning.',
  'Traffic is blocked for several hours every day because of it.',
  'At night the area is completely dark and unsafe.',
  'The situation is worse in the evening when people return from work.',
  'Some people in the area have fallen ill already.',
]; // prettier-ignore

export const REMARKS = {
  assign: [
    'Please visit the site today and report back.',
    'Urgent: the area has been without service for days.',
    'Coordinate with the union council secretary.',
    'Take photographs before and after the work.',
  ],
  resolve: [
    'The site was visited and the problem fixed; photographs attached.',
    'The work was completed by the maintenance team this morning.',
    'The staff concerned were warned and the service restored.',
    'Repairs finished and checked with the residents on the spot.',
    'The matter was taken up with the contractor and resolved.',
  ],
  reject: [
    'This falls under the federal government; the complainant has been told where to go.',
    'The same complaint was already resolved under an earlier number.',
    'The matter is before a court and cannot be taken up here.',
  ],
  reopen: [
    'The problem came back two days after the visit.',
    'Nothing was actually done at the site.',
    'Only half of the street was repaired.',
  ],
  reassign: [
    'This is outside my area; it belongs to the neighbouring union council.',
    'Needs the engineering wing, not field staff.',
  ],
} as const;
