package io.bookstore.contracts;

/** ISBN-13 as it travels on the wire: 13 digits, optionally grouped by hyphens, valid check digit. */
public final class Isbn {

    private Isbn() {
    }

    public static boolean isValid(String isbn) {
        if (isbn == null || isbn.length() > 17 || isbn.startsWith("-") || isbn.endsWith("-") || isbn.contains("--")) {
            return false;
        }
        String digits = digits(isbn);
        if (digits.length() != 13 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10 == digits.charAt(12) - '0';
    }

    /** The ISBN without hyphens: the form to compare two spellings of the same book. */
    public static String digits(String isbn) {
        return isbn.replace("-", "");
    }
}
